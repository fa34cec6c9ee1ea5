-- Printed QR codes of campaigns (a magazine advert, a poster) and every scan of them.

create table campaign_link (
    code         varchar(40)   primary key,
    campaign_id  varchar(100)  not null references campaign (campaign_id),
    redirect_url varchar(1000) not null,
    created_at   timestamp with time zone not null
);

create table campaign_scan (
    scan_id     varchar(36)  primary key,
    code        varchar(40)  not null references campaign_link (code),
    campaign_id varchar(100) not null,
    scanned_at  timestamp with time zone not null,
    user_agent  varchar(300)
);
create index ix_campaign_scan_campaign on campaign_scan (campaign_id, scanned_at);
