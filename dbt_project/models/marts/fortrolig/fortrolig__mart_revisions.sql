-- mart_revisions including embargoed revisions (preparation mode; is_embargoed marks them).
{{ config(alias='mart_revisions') }}
{{ select_audience(ref('int_revisions_listed'), 'fortrolig') }}
