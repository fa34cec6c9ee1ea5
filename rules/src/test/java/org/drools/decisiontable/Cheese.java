package org.drools.decisiontable;

/** The cheese of the Drools decision table tests, such as stilton or cheddar. */
public class Cheese {

    private final String type;

    public Cheese(String type) {
        this.type = type;
    }

    public String getType() {
        return type;
    }
}
