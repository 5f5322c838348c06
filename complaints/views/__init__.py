"""The complaint pages: the register, a complaint's page with its steps, printing
(`complaints`), and a complaint opened from a care call's feedback (`care`)."""
