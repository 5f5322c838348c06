"""Read helpers of the front desk pages, by topic; query counts stay fixed per page."""
