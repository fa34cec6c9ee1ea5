/**
 * The offer rules: a spreadsheet decision table and DRL files compiled at runtime, and evaluated per contact without
 * Spring.
 */
package io.solomo.rules;
