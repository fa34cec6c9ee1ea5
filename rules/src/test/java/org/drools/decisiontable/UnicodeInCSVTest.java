package org.drools.decisiontable;

/**
 * Holds the fact class with a Czech name that the Unicode CSV table of the Drools project imports as
 * {@code org.drools.decisiontable.UnicodeInCSVTest.Člověk}, written for the tests that run that table.
 */
public final class UnicodeInCSVTest {

    private UnicodeInCSVTest() {
    }

    /** A person ("člověk") with a name ("jméno") and an age in years ("věk"). */
    public static class Člověk {

        private final String jméno;
        private final int věk;

        public Člověk(String jméno, int věk) {
            this.jméno = jméno;
            this.věk = věk;
        }

        public String getJméno() {
            return jméno;
        }

        public int getVěk() {
            return věk;
        }
    }
}
