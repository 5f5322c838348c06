"""Forms of the front desk pages, by topic. They check the shape of input; services decide."""
