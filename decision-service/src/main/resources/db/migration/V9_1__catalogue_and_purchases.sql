-- Product catalogue, purchases posted by points of sale, and the follow-up emails they schedule.
-- SQL that H2 2.x and PostgreSQL 14+ both accept.

-- Products with their French and English names; the price is in euros.
create table product (
    product_id varchar(100)  primary key,
    name_fr    varchar(200)  not null,
    name_en    varchar(200)  not null,
    category   varchar(200)  not null,
    price      decimal(12, 2) not null,
    updated_at timestamp with time zone not null
);

-- Complement links: complement_id goes well with product_id (phone -> case).
create table product_complement (
    product_id    varchar(100) not null references product (product_id),
    complement_id varchar(100) not null references product (product_id),
    primary key (product_id, complement_id)
);

-- One row per purchase id, written in the same transaction as the coupon redemption, the PURCHASE interaction
-- and the loyalty points, so that a replayed purchase is recognised and stores nothing twice.
create table purchase (
    purchase_id   varchar(100)  primary key,
    customer_id   varchar(100)  not null,
    store_id      varchar(200)  not null,
    coupon_code   varchar(40),
    amount        decimal(12, 2) not null,
    points        integer       not null,
    occurred_at   timestamp with time zone not null,
    recorded_at   timestamp with time zone not null
);

-- The follow-up email of a purchase, due at due_at. The scheduler claims due rows with a lease, so that a node
-- that stops mid-way leaves them to be claimed again.
create table purchase_follow_up (
    purchase_id   varchar(100) primary key references purchase (purchase_id),
    customer_id   varchar(100) not null,
    due_at        timestamp with time zone not null,
    status        varchar(20)  not null,
    claimed_until timestamp with time zone,
    delivery_id   varchar(36),
    processed_at  timestamp with time zone
);
create index ix_purchase_follow_up_due on purchase_follow_up (status, due_at);
