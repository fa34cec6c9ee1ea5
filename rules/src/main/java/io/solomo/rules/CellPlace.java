package io.solomo.rules;

/**
 * A cell of an uploaded decision table, for messages found outside the validator.
 *
 * @param file  the path of the file as uploaded
 * @param sheet the worksheet, or null in a CSV table
 * @param cell  the cell, such as {@code I16}
 */
public record CellPlace(String file, String sheet, String cell) {
}
