package io.solomo.decision.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An identifier of a customer: an email address, a phone number, an app installation id and so on. */
@Entity
@Table(name = "customer_identity")
public class CustomerIdentity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @Enumerated(EnumType.STRING)
    @Column(name = "identity_type", nullable = false)
    private IdentityType type;

    @Column(name = "identity_value", nullable = false)
    private String value;

    protected CustomerIdentity() {
    }

    CustomerIdentity(Customer customer, IdentityType type, String value) {
        this.customer = customer;
        this.type = type;
        this.value = value;
    }

    public IdentityType type() {
        return type;
    }

    public String value() {
        return value;
    }
}
