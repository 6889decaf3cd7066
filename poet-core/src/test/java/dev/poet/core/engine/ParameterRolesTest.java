package dev.poet.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ParameterRolesTest {

    @Test
    void configuredRolesWinNamesFillTheRestAndRoleKeysLeaveTheSettings() {
        Map<String, Object> settings = new LinkedHashMap<>(Map.of("param.1.role", "rate", "retries", "2"));
        String[] roles = ParameterRoles.resolve(settings, new String[] {"income", "x"}, true, "L.score");
        assertThat(roles).containsExactly("income", "rate");
        assertThat(settings).containsOnlyKeys("retries");
    }

    @Test
    void madeUpNamesAreNeverRolesSoNothingIsGuessedFromPosition() {
        String[] roles = ParameterRoles.resolve(new LinkedHashMap<>(Map.of("param.0.role", "income")),
                new String[] {"arg0", "arg1"}, false, "L.score");
        assertThat(roles).containsExactly("income", "");
        assertThat(ParameterRoles.warning("financial_risk", "L", "score", new String[] {"", ""}, false))
                .contains("do nothing for this method", "poet.method.L.score.param.<index>.role=<role>");
        assertThat(ParameterRoles.warning("financial_risk", "L", "score", roles, false)).isNull();
        assertThat(ParameterRoles.warning("financial_risk", "L", "score", new String[] {"", ""}, true)).isNull();
    }

    @Test
    void aRoleForAMissingPositionOrAMalformedRoleIsIgnored() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("param.5.role", "income");
        settings.put("param.0.role", "in come");
        String[] roles = ParameterRoles.resolve(settings, new String[] {"a"}, true, "L.m");
        assertThat(roles).containsExactly("a");
        assertThat(settings).isEmpty();
    }

    @Test
    void aTemplateMatchesByNameWhenItPassesTheRoleToARule() {
        assertThat(ParameterRoles.templateMatchesByName("risk.forParameter(\"{{role}}\")")).isTrue();
        assertThat(ParameterRoles.templateMatchesByName("Validator.perceive(k, \"{{name}}\")")).isFalse();
    }
}
