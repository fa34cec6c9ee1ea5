-- Social sharing: one share link per offer, sharer and network, its clicks, and the coupons friends claimed
-- through it. SQL that H2 2.x and PostgreSQL 14+ both accept.
create table share_link (
    code        varchar(16)  primary key,
    offer_id    varchar(100) not null,
    sharer_id   varchar(100) not null,
    network     varchar(40)  not null,
    created_at  timestamp with time zone not null,
    clicks      bigint       not null default 0
);

create index share_link_sharer on share_link (sharer_id);

-- One coupon per friend and share; the coupon code identifies the referral when the coupon is redeemed.
create table share_claim (
    coupon_code varchar(40)  primary key,
    share_code  varchar(16)  not null references share_link (code),
    friend_id   varchar(100) not null,
    claimed_at  timestamp with time zone not null,
    constraint share_claim_once unique (share_code, friend_id)
);
