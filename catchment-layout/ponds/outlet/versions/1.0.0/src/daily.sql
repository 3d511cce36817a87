-- One row per day: orders, items and revenue, numbered by day.
SELECT
    row_number() OVER (ORDER BY order_date) AS id,
    order_date AS day,
    count(*) AS orders,
    CAST(sum(quantity) AS BIGINT) AS items,
    round(sum(revenue), 2) AS revenue,
    round(avg(revenue), 2) AS avg_order
FROM pond.sales
GROUP BY order_date
ORDER BY order_date
