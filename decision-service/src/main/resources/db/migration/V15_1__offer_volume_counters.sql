-- Contacts taken from offers with a volume limit, in all and per UTC day. A decision takes a contact from such an
-- offer with one conditional update of these rows, so that several nodes together never exceed the limit.
create table offer_volume_total (
    offer_id varchar(100) primary key,
    contacts bigint       not null
);

create table offer_volume_day (
    offer_id    varchar(100) not null,
    contact_day date         not null,
    contacts    bigint       not null,
    primary key (offer_id, contact_day)
);
