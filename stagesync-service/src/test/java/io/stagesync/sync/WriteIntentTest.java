package io.stagesync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.stagesync.mapping.ObjectMapping;
import io.stagesync.model.Bookkeeping;
import io.stagesync.model.SystemObject;
import io.stagesync.store.memory.InMemoryXrefStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The intents of writes not yet remembered: kept, recognised and dropped as {@link WriteIntent} promises. */
class WriteIntentTest {
    private final WritePlanner planner = new WritePlanner(ShippedConfig.model(), ShippedConfig.mappings(),
            ShippedConfig.values(), new InMemoryXrefStore(), Connectors.builder().build());
    private final WriteIntent intents = new WriteIntent(planner);
    private final ObjectMapping account = ShippedConfig.mapping("salesforce", "Account");
    private final SystemObject at = new SystemObject("salesforce", "Account");
    private Bookkeeping kept = Bookkeeping.NONE;

    private PlannedWrite phone(String phone) {
        return new PlannedWrite(account, "c1", "Id", "001A", Map.of("Phone", phone), Map.of("phone", phone, "name", "Acme"),
                null, null);
    }

    @Test
    void aValueOfAnOpenIntentIsRecognisedAndOtherValuesAreNot() {
        kept = intents.store(kept, phone("+1 555 0111"));

        List<Map<String, String>> open = intents.of(kept, account);
        assertThat(WriteIntent.intended(open, "phone", "+1 555 0111")).isTrue();
        assertThat(WriteIntent.intended(open, "phone", "+1 555 0999")).isFalse();
        assertThat(WriteIntent.intended(open, "name", "Other")).isFalse();
        assertThat(intents.of(kept, ShippedConfig.mapping("netsuite", "customer"))).as("per target").isEmpty();
    }

    @Test
    void aLaterIntentDoesNotHideAnEarlierOneThatMayHaveLanded() {
        kept = intents.store(kept, phone("+1 555 0111"));
        kept = intents.store(kept, phone("+1 555 0222"));

        assertThat(WriteIntent.intended(intents.of(kept, account), "phone", "+1 555 0111")).isTrue();
        assertThat(WriteIntent.intended(intents.of(kept, account), "phone", "+1 555 0222")).isTrue();
    }

    @Test
    void onlyTheNewestFewAreKept() {
        for (int i = 1; i <= WriteIntent.KEPT + 2; i++) {
            kept = intents.store(kept, phone("+1 555 010" + i));
        }

        assertThat(intents.of(kept, account)).hasSize(WriteIntent.KEPT);
        assertThat(WriteIntent.intended(intents.of(kept, account), "phone", "+1 555 0101")).isFalse();
        assertThat(WriteIntent.intended(intents.of(kept, account), "phone", "+1 555 010" + (WriteIntent.KEPT + 2)))
                .isTrue();
    }

    @Test
    void rememberingAWriteDropsItsIntentAndTheOlderOnesButNotALaterOne() {
        kept = intents.store(kept, phone("+1 555 0111"));
        kept = intents.store(kept, phone("+1 555 0222"));
        kept = intents.store(kept, phone("+1 555 0333"));

        kept = intents.dropRemembered(kept, phone("+1 555 0222"));

        assertThat(intents.of(kept, account)).containsExactly(Map.of("phone", "+1 555 0333", "name", "Acme"));
        kept = intents.dropRemembered(kept, phone("+1 555 0333"));
        assertThat(kept).as("no bookkeeping left once none is open").isEqualTo(Bookkeeping.NONE);
    }

    @Test
    void aReadShowingAnIntentInFullDropsItAndTheOlderOnes() {
        kept = intents.store(kept, phone("+1 555 0111"));
        kept = intents.store(kept, phone("+1 555 0222"));

        kept = intents.dropShown(kept, account, Map.of("phone", "+1 555 0111", "name", "Acme Renamed"));
        assertThat(intents.of(kept, account)).as("not shown in full: a user renamed it").hasSize(2);

        kept = intents.dropShown(kept, account, Map.of("phone", "+1 555 0222", "name", "Acme"));
        assertThat(intents.of(kept, account)).isEmpty();
    }

    @Test
    void aWriteThatCannotBeSentOrIsNotReadBackNeedsNoIntent() {
        assertThat(WriteIntent.needed(phone("+1 555 0111"))).isTrue();
        assertThat(WriteIntent.needed(new PlannedWrite(account, "c1", "", "", Map.of("Phone", "1"), Map.of("phone", "1"),
                null, "a referenced record is not in the target yet"))).isFalse();
        assertThat(WriteIntent.needed(new PlannedWrite(account, "c1", "externalId", "OPP-1", Map.of("total", 1), Map.of(),
                null, null))).isFalse();
    }

    @Test
    void anIntentHoldsOnlyWhatTheWriteChangesThere() {
        kept = kept.withWritten(at, Map.of("phone", "+1 555 0100", "name", "Acme"));

        kept = intents.store(kept, phone("+1 555 0111"));

        assertThat(intents.of(kept, account)).containsExactly(Map.of("phone", "+1 555 0111"));
        assertThat(WriteIntent.intended(intents.of(kept, account), "name", "Acme"))
                .as("a name the write leaves alone is never taken for it").isFalse();
    }

    @Test
    void aWriteThatChangesNothingThereLeavesNoIntent() {
        kept = kept.withWritten(at, Map.of("phone", "+1 555 0111", "name", "Acme"));

        kept = intents.store(kept, phone("+1 555 0111"));

        assertThat(kept.sending(at)).isEmpty();
    }

    @Test
    void theIntentOfARefusedWriteIsDroppedAndTheOthersStay() {
        kept = intents.store(kept, phone("+1 555 0111"));
        kept = intents.store(kept, phone("+1 555 0222"));

        kept = intents.dropRefused(kept, phone("+1 555 0222"));

        assertThat(WriteIntent.intended(intents.of(kept, account), "phone", "+1 555 0222")).isFalse();
        assertThat(WriteIntent.intended(intents.of(kept, account), "phone", "+1 555 0111")).isTrue();
    }
}
