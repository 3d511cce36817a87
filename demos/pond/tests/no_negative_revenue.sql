-- A data test: it returns the rows that violate it, so zero rows pass.
-- It reads this Pond's tables by bare name and its Sources' as source.table.
SELECT order_id, quantity, unit_price, revenue
FROM sales
WHERE revenue < 0 OR quantity <= 0
