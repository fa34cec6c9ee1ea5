package com.baeldung.drools.model;

/** A product of the labelling table of the Baeldung Drools tutorial, which sets the label from the type. */
public class Product {

    private final String name;
    private final String type;
    private String label;

    public Product(String name, String type) {
        this.name = name;
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public String getType() {
        return type;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }
}
