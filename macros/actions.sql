{#- The rules the actions, the dashboard and the graph share, written once. -#}

{% macro action_priority_rank(priority) -%}
    {#- Playbook priority as a sort key: High first, then Medium, then Low (anything else last). -#}
    case {{ priority }} when 'High' then 1 when 'Medium' then 2 when 'Low' then 3 else 4 end
{%- endmacro %}

{% macro marketing_priority(purchase_probability, predicted_clv, churn_risk) -%}
    {#- Expected value of reaching out now: likely to buy, worth a lot, not about to leave. A
        prospect (no churn risk: never bought, nothing to leave) is not discounted for churn. -#}
    {{ purchase_probability }} * {{ predicted_clv }} * (1 - coalesce({{ churn_risk }}, 0))
{%- endmacro %}
