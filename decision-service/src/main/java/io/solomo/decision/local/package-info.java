/**
 * Distributed marketing: head office marks catalogue offers as local templates, and store managers and agencies run
 * them as local campaigns for the stores of their scope, with head-office approval when the template requires it.
 */
package io.solomo.decision.local;
