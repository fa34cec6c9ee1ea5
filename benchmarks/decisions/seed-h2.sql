-- The catalogue and audience of seed.sql for the embedded H2 database: the same rows, written with H2's
-- SYSTEM_RANGE instead of PostgreSQL's generate_series. Run it after the server has created the schema.
insert into campaign (campaign_id, name_fr, name_en) values ('BENCH', 'Campagne de mesure', 'Benchmark campaign');

insert into offer (offer_id, campaign_id, message_fr, message_en, business_value, valid_from, valid_to, store_id,
                   chain, active, prior_propensity, business_lever)
select 'BENCH-' || x, 'BENCH', 'Offre ' || x || ' chez {store}', 'Offer ' || x || ' at {store}', 1 + mod(x, 20),
       timestamp with time zone '2026-01-01 00:00:00+00', timestamp with time zone '2028-01-01 00:00:00+00', null,
       'Chain ' || mod(x, 100), true, 0.05 + mod(x, 10) / 100.0, 1.0
from system_range(0, 999);

insert into store (store_id, name, chain, latitude, longitude, radius_meters, time_zone, imported_at)
select 'bench-store-' || x, 'Bench store ' || x, 'Chain ' || x, 48.80 + x / 1000.0, 2.30 + x / 1000.0, 100,
       'Europe/Paris', current_timestamp
from system_range(0, 99);

insert into customer (customer_id, display_name, loyalty_tier, language, time_zone, created_at, version,
                      anonymous, updated_at, visit_count, interaction_count, purchase_count, monetary_total)
select 'bench-' || x, null, case mod(x, 4) when 0 then 'BRONZE' when 1 then 'SILVER' when 2 then 'GOLD'
       else 'PLATINUM' end, 'fr', 'Europe/Paris', current_timestamp, 0, false, current_timestamp, mod(x, 20),
       mod(x, 50), mod(x, 5), mod(x, 900)
from system_range(1, 100000);
insert into channel_preference (customer_id, channel, rank)
select 'bench-' || x, 'PUSH', 1 from system_range(1, 100000);
insert into consent (customer_id, purpose, channel, status, source, recorded_at)
select 'bench-' || x, 'MARKETING', 'PUSH', 'GRANTED', 'bench', current_timestamp from system_range(1, 100000);
analyze;
