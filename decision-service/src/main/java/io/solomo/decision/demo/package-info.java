/** Demo data for the embedded default: stores, customers, campaigns and offers, loaded on first start. */
package io.solomo.decision.demo;
