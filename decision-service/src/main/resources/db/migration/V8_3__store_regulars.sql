-- Store visits counted for the regulars of each store, and the current regular of each store.

create table store_visit (
    visit_id    varchar(100) primary key,
    customer_id varchar(100) not null,
    store_id    varchar(200) not null,
    visited_at  timestamp with time zone not null
);
create index ix_store_visit_store on store_visit (store_id, visited_at);

create table store_regular (
    store_id    varchar(200) primary key,
    customer_id varchar(100) not null,
    visits      integer      not null,
    since       timestamp with time zone not null,
    version     bigint       not null
);
create index ix_store_regular_customer on store_regular (customer_id);
