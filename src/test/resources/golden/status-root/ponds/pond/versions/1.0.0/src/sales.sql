SELECT * FROM inlet.orders
