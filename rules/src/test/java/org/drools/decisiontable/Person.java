package org.drools.decisiontable;

/** The person of the Drools decision table tests: a name, an age in years, and whether a shop may sell them alcohol. */
public class Person {

    private String name;
    private int age;
    private boolean canBuyAlcohol;

    public Person(String name, int age) {
        this.name = name;
        this.age = age;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public int getAge() {
        return age;
    }

    public void setAge(int age) {
        this.age = age;
    }

    public boolean isCanBuyAlcohol() {
        return canBuyAlcohol;
    }

    public void setCanBuyAlcohol(boolean canBuyAlcohol) {
        this.canBuyAlcohol = canBuyAlcohol;
    }
}
