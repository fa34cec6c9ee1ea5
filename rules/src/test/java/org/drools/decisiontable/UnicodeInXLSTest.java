package org.drools.decisiontable;

/**
 * Holds the fact class that the Unicode workbook of the Drools project imports as
 * {@code org.drools.decisiontable.UnicodeInXLSTest.Člověk}: the same person as the CSV twin's.
 */
public final class UnicodeInXLSTest {

    private UnicodeInXLSTest() {
    }

    public static class Člověk extends UnicodeInCSVTest.Člověk {

        public Člověk(String jméno, int věk) {
            super(jméno, věk);
        }
    }
}
