-- The outcome of each imported CSV row: the profile it created or updated and the identity that keys it, so that a
-- marketer can reconcile an import with their CRM. Rejected rows are in customer_import_error instead. A merge moves
-- customer_id to the survivor, and erasure clears identity_value. SQL that H2 2.x and PostgreSQL 14+ both accept.
create table customer_import_row (
    job_id         varchar(36)  not null references customer_import (job_id),
    row_number     integer      not null,
    identity_type  varchar(30)  not null,
    identity_value varchar(320),
    customer_id    varchar(100) not null,
    outcome        varchar(10)  not null,
    constraint pk_customer_import_row primary key (job_id, row_number)
);
create index ix_import_row_customer on customer_import_row (customer_id);
