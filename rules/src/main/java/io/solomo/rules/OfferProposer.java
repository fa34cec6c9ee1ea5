package io.solomo.rules;

/**
 * A rule that can propose an offer, and where it is written.
 *
 * @param ruleName the rule's name
 * @param file     the path of its rule file in the rule set
 * @param sheet    the workbook sheet of a decision table row, or null for a DRL file or a CSV table
 * @param row      the 1-based spreadsheet row of a decision table rule, or null for a DRL rule
 */
public record OfferProposer(String ruleName, String file, String sheet, Integer row) {
}
