"""Great Expectations 1.x contracts on the marts, versioned with the code (suites/*.json)."""
