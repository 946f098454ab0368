-- What each sidebar filter can still offer: per value, the projects (shown evaluations and tracked
-- projects, each once) under the *other* filters and the user's scope, so no offered value leads to an
-- empty page. Districts are counted under year, category and grade (a new district drops the town and
-- unit); towns also under the district; units also under the town; a category is any of the themes;
-- a tracked project has no grade (it is left out once a grade is chosen).
WITH p AS MATERIALIZED (
    SELECT year, district, town, unit, themes, effective_grade AS grade FROM shown_evaluations()
    WHERE in_scope(district, town, $scope_district, $scope_town)
    UNION ALL
    SELECT year, district, town, unit, themes, NULL FROM latest_monitoring(NULL, NULL, NULL, NULL, NULL, $scope_district, $scope_town)
),
graded AS (SELECT * FROM p WHERE $grade IS NULL OR grade = $grade)
SELECT 'year' AS kind, CAST(year AS VARCHAR) AS value, count(*) AS projects FROM graded
    WHERE year IS NOT NULL AND in_filters(year, district, town, unit, themes, NULL, $district, $town, $unit, $category) GROUP BY ALL
UNION ALL
SELECT 'district', district, count(*) FROM graded
    WHERE district IS NOT NULL AND in_filters(year, district, town, unit, themes, $years, NULL, NULL, NULL, $category) GROUP BY ALL
UNION ALL
SELECT 'town', town, count(*) FROM graded
    WHERE town IS NOT NULL AND in_filters(year, district, town, unit, themes, $years, $district, NULL, NULL, $category) GROUP BY ALL
UNION ALL
SELECT 'unit', unit, count(*) FROM graded
    WHERE unit IS NOT NULL AND in_filters(year, district, town, unit, themes, $years, $district, $town, NULL, $category) GROUP BY ALL
UNION ALL
SELECT 'category', theme, count(*) FROM (SELECT unnest(themes) AS theme, * FROM graded
    WHERE in_filters(year, district, town, unit, themes, $years, $district, $town, $unit, NULL)) GROUP BY ALL
UNION ALL
SELECT 'grade', grade, count(*) FROM p
    WHERE grade IS NOT NULL AND in_filters(year, district, town, unit, themes, $years, $district, $town, $unit, $category) GROUP BY ALL
ORDER BY kind, value
