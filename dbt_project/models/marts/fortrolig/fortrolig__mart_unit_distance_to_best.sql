-- mart_unit_distance_to_best including embargoed values (preparation mode; is_embargoed marks them where present).
{{ config(alias='mart_unit_distance_to_best') }}
{{ select_audience(ref('int_unit_distances_to_best_computed'), 'fortrolig') }}
