-- Every value a filter may take, for validating URL parameters and filling the sidebar.
SELECT 'year' AS kind, CAST(year AS VARCHAR) AS value, NULL AS parent FROM evaluations WHERE year IS NOT NULL
UNION SELECT 'year', CAST(year AS VARCHAR), NULL FROM monitoring WHERE year IS NOT NULL
UNION SELECT 'town', town, district FROM evaluations WHERE town IS NOT NULL
UNION SELECT 'town', town, district FROM monitoring WHERE town IS NOT NULL
UNION SELECT 'unit', unit, district FROM evaluations WHERE unit IS NOT NULL
UNION SELECT 'unit', unit, district FROM monitoring WHERE unit IS NOT NULL
ORDER BY kind, value
