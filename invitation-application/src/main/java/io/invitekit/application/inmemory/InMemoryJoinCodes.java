package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryJoinCodes implements JoinCodes {
    private final InMemoryTransactions transactions;
    private final Map<JoinCodeId, JoinCode> byId = new HashMap<>();
    private final Map<InviteCode, JoinCodeId> byValue = new HashMap<>();

    InMemoryJoinCodes(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized AddOutcome add(JoinCode code) {
        if (byValue.containsKey(code.code())) {
            return AddOutcome.CODE_VALUE_TAKEN;
        }
        if (activeFor(code.tenantId()).isPresent()) {
            return AddOutcome.TENANT_HAS_ACTIVE_CODE;
        }
        byId.put(code.id(), code);
        byValue.put(code.code(), code.id());
        transactions.onRollback(() -> {
            synchronized (this) {
                byId.remove(code.id());
                byValue.remove(code.code());
            }
        });
        return AddOutcome.ADDED;
    }

    @Override
    public synchronized Optional<JoinCode> activeFor(TenantId tenant) {
        return byId.values().stream().filter(c -> c.active() && c.tenantId().equals(tenant)).findFirst();
    }

    @Override
    public synchronized Optional<JoinCode> activeByCode(InviteCode code) {
        return Optional.ofNullable(byValue.get(code)).map(byId::get).filter(JoinCode::active);
    }

    @Override
    public synchronized boolean deactivate(JoinCodeId id) {
        JoinCode current = byId.get(id);
        if (current == null || !current.active()) {
            return false;
        }
        byId.put(id, current.deactivate());
        transactions.onRollback(() -> update(id, JoinCode::reactivate));
        return true;
    }

    @Override
    public synchronized boolean claimUse(JoinCodeId id, Instant now) {
        JoinCode current = byId.get(id);
        if (current == null || !current.usableAt(now)) {
            return false;
        }
        byId.put(id, current.withOneMoreUse());
        // Compensate rather than restore: other joins may have counted uses since.
        transactions.onRollback(() -> update(id, JoinCode::withOneUseLess));
        return true;
    }

    private synchronized void update(JoinCodeId id, java.util.function.UnaryOperator<JoinCode> change) {
        byId.computeIfPresent(id, (key, code) -> change.apply(code));
    }
}
