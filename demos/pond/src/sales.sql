-- One row per order with its customer's region and the revenue it brought.
SELECT
    o.order_id,
    o.order_date,
    o.category,
    c.region,
    o.quantity,
    o.unit_price,
    round(o.quantity * o.unit_price, 2) AS revenue
FROM inlet.orders AS o
JOIN inlet.customers AS c USING (customer_id)
