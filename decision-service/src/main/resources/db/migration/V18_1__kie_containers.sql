-- The containers created through the KIE Server REST contract, which the server builds again at start from their
-- kjars, as a stand-alone KIE Server does from its server state file.
create table kie_container (
    container_id varchar(100)             primary key,
    group_id     varchar(200)             not null,
    artifact_id  varchar(200)             not null,
    version      varchar(200)             not null,
    alias        varchar(100),
    created_at   timestamp with time zone not null
);
