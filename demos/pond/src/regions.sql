-- Revenue per region; reads this Pond's own 'sales' table, so it runs after it.
SELECT region, count(*) AS orders, round(sum(revenue), 2) AS revenue
FROM sales
GROUP BY region
ORDER BY revenue DESC
