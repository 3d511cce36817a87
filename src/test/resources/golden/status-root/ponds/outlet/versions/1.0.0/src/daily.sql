SELECT * FROM pond.sales
