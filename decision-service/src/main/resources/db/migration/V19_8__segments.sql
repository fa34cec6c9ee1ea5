-- Named segments of customers for head-office marketers. A customer belongs to a segment when every condition of
-- conditions_json holds for their profile, for example
-- [{"field": "advocacyScore", "operator": ">=", "value": 50}]. version counts the edits, for If-Match.
create table segment (
    segment_id      varchar(100)   primary key,
    name_fr         varchar(300)   not null,
    name_en         varchar(300)   not null,
    description     varchar(1000),
    conditions_json varchar(20000) not null,
    version         bigint         default 0 not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
