// Records one verification (who checked which element, when, against which document and locator).
CREATE (v:Verification)
SET v = $props
RETURN properties(v) AS verification
