/** Campaign links: the short codes printed as QR codes on adverts, their redirects and their scans. */
package io.solomo.decision.campaign;
