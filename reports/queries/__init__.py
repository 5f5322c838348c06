"""Read helpers of the report pages, by topic; each page costs a fixed number of queries."""
