table_read_capacity = 10
