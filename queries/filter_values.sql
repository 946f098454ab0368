-- Every value a filter may take within the user's scope, for validating URL parameters and the sidebar.
SELECT 'year' AS kind, CAST(year AS VARCHAR) AS value, NULL AS parent FROM evaluations
    WHERE year IS NOT NULL AND in_scope(district, town, $scope_district, $scope_town)
UNION SELECT 'year', CAST(year AS VARCHAR), NULL FROM monitoring
    WHERE year IS NOT NULL AND in_scope(district, town, $scope_district, $scope_town)
UNION SELECT 'town', town, district FROM evaluations
    WHERE town IS NOT NULL AND in_scope(district, town, $scope_district, $scope_town)
UNION SELECT 'town', town, district FROM monitoring
    WHERE town IS NOT NULL AND in_scope(district, town, $scope_district, $scope_town)
UNION SELECT 'unit', unit, district FROM evaluations
    WHERE unit IS NOT NULL AND in_scope(district, town, $scope_district, $scope_town)
UNION SELECT 'unit', unit, district FROM monitoring
    WHERE unit IS NOT NULL AND in_scope(district, town, $scope_district, $scope_town)
ORDER BY kind, value
