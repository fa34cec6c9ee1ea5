package io.solomo.decision.profile;

/** Kinds of identifiers that point to a customer. */
public enum IdentityType {
    EMAIL, PHONE, APP_INSTALLATION, DEVICE_TOKEN, LOYALTY_CARD, SOCIAL_HANDLE, CRM_ID
}
