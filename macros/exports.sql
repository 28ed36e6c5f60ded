{#- What the dashboard exports share, written once. -#}

{% macro target_order(target) -%}
    {#- The order the page lists the targets in: purchase, churn, then CLV. -#}
    case {{ target }} when 'purchase' then 1 when 'churn' then 2 when 'clv' then 3 else 4 end
{%- endmacro %}

{% macro sensitive_concept_name(category) -%}
    {#- How the page names a special-category concept (health, religion: the sensitive_concepts
        seed): by its category only, never the concept. -#}
    'a ' || {{ category }} || ' consideration'
{%- endmacro %}
