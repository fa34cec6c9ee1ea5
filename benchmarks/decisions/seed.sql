-- Catalogue and audience of the full decision benchmark. PostgreSQL only (generate_series). Run it after the
-- server has created the schema.
--
-- 1,000 active offers BENCH-0 .. BENCH-999, offer i scoped to chain "Chain (i mod 100)", as in the rule rows that
-- OffersTableGenerator writes; 100 stores bench-store-0 .. bench-store-99, store k in chain "Chain k";
-- 100,000 customers bench-1 .. bench-100000 who prefer push and granted marketing by push.
insert into campaign (campaign_id, name_fr, name_en) values ('BENCH', 'Campagne de mesure', 'Benchmark campaign');

insert into offer (offer_id, campaign_id, message_fr, message_en, business_value, valid_from, valid_to, store_id,
                   chain, active, prior_propensity, business_lever)
select 'BENCH-' || i, 'BENCH', 'Offre ' || i || ' chez {store}', 'Offer ' || i || ' at {store}', 1 + i % 20,
       timestamp with time zone '2026-01-01 00:00:00+00', timestamp with time zone '2028-01-01 00:00:00+00', null,
       'Chain ' || (i % 100), true, 0.05 + (i % 10) / 100.0, 1.0
from generate_series(0, 999) as i;

insert into store (store_id, name, chain, latitude, longitude, radius_meters, time_zone, imported_at)
select 'bench-store-' || k, 'Bench store ' || k, 'Chain ' || k, 48.80 + k / 1000.0, 2.30 + k / 1000.0, 100,
       'Europe/Paris', now()
from generate_series(0, 99) as k;

insert into customer (customer_id, display_name, loyalty_tier, language, time_zone, created_at, version,
                      anonymous, updated_at, visit_count, interaction_count, purchase_count, monetary_total)
select 'bench-' || n, null, (array['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'])[1 + n % 4], 'fr', 'Europe/Paris', now(),
       0, false, now(), n % 20, n % 50, n % 5, n % 900
from generate_series(1, 100000) as n;
insert into channel_preference (customer_id, channel, rank)
select 'bench-' || n, 'PUSH', 1 from generate_series(1, 100000) as n;
insert into consent (customer_id, purpose, channel, status, source, recorded_at)
select 'bench-' || n, 'MARKETING', 'PUSH', 'GRANTED', 'bench', now() from generate_series(1, 100000) as n;
analyze;
