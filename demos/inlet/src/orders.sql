-- 200,000 orders over the 90 days up to 2026-03-31, with a category and an amount.
SELECT
    o AS order_id,
    1 + CAST(hash(o * 7) % 2000 AS BIGINT) AS customer_id,
    DATE '2026-01-01' + CAST(hash(o * 13) % 90 AS INTEGER) AS order_date,
    ['books', 'games', 'music', 'garden', 'toys', 'kitchen'][1 + CAST(hash(o * 3) % 6 AS INTEGER)] AS category,
    1 + CAST(hash(o * 11) % 5 AS INTEGER) AS quantity,
    round(2.5 + (hash(o * 19) % 9750) / 100.0, 2) AS unit_price
FROM range(1, 200001) AS t(o)
