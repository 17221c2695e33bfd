ALTER TABLE orders ADD COLUMN customer_id INTEGER REFERENCES customers (id);

UPDATE orders SET customer_id = (SELECT c.id FROM customers c WHERE c.email = orders.customer_email);
