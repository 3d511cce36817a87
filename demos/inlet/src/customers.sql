-- 2,000 customers spread over five regions.
SELECT
    c AS customer_id,
    'customer_' || lpad(CAST(c AS VARCHAR), 4, '0') AS name,
    ['north', 'south', 'east', 'west', 'central'][1 + CAST(hash(c * 31) % 5 AS INTEGER)] AS region,
    DATE '2024-01-01' + CAST(hash(c * 17) % 700 AS INTEGER) AS signed_up
FROM range(1, 2001) AS t(c)
