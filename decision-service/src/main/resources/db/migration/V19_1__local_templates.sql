-- Catalogue offers that head office lets stores and agencies run as local campaigns. The template keeps its
-- content (messages and channel treatments); these columns bound what a local campaign may set.
create table local_template (
    offer_id              varchar(100) primary key references offer (offer_id),
    approval_required     boolean      not null,
    max_run_days          integer      not null,
    max_coupons_per_store integer      not null,
    local_only            boolean      not null,
    updated_by            varchar(100) not null,
    updated_at            timestamp with time zone not null
);
