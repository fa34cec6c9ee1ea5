package org.drools.examples.decisiontable;

/** The driver of the Drools insurance pricing example: age in years, location risk LOW, MED or HIGH. */
public class Driver {

    private final int age;
    private final String locationRiskProfile;
    private final int priorClaims;

    public Driver(int age, String locationRiskProfile, int priorClaims) {
        this.age = age;
        this.locationRiskProfile = locationRiskProfile;
        this.priorClaims = priorClaims;
    }

    public int getAge() {
        return age;
    }

    public String getLocationRiskProfile() {
        return locationRiskProfile;
    }

    public int getPriorClaims() {
        return priorClaims;
    }
}
