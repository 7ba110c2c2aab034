-- mart_distance_to_best including embargoed values (preparation mode; is_embargoed marks them where present).
{{ config(alias='mart_distance_to_best') }}
{{ distance_to_best_with_gaps('fortrolig') }}
