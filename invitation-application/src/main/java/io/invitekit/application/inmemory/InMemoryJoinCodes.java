package io.invitekit.application.inmemory;

import io.invitekit.application.port.out.JoinCodes;
import io.invitekit.domain.code.InviteCode;
import io.invitekit.domain.code.JoinCode;
import io.invitekit.domain.code.JoinCodeId;
import io.invitekit.domain.tenant.TenantId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Join codes in memory; every method holds this store's lock, so the switch and the codes change together. */
public final class InMemoryJoinCodes implements JoinCodes {
    private final InMemoryTransactions transactions;
    private final Map<JoinCodeId, JoinCode> byId = new HashMap<>();
    private final Map<InviteCode, JoinCodeId> byValue = new HashMap<>();
    private final Set<TenantId> joiningOff = new HashSet<>();

    InMemoryJoinCodes(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public synchronized AddOutcome add(JoinCode code) {
        if (joiningOff.contains(code.tenantId())) {
            return AddOutcome.JOINING_OFF;
        }
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
        if (current == null || !current.usableAt(now) || joiningOff.contains(current.tenantId())) {
            return false;
        }
        byId.put(id, current.withOneMoreUse());
        // Compensate rather than restore: other joins may have counted uses since.
        transactions.onRollback(() -> update(id, JoinCode::withOneUseLess));
        return true;
    }

    @Override
    public synchronized boolean joiningOn(TenantId tenant) {
        return !joiningOff.contains(tenant);
    }

    @Override
    public synchronized boolean turnOff(TenantId tenant) {
        activeFor(tenant).ifPresent(code -> deactivate(code.id()));
        boolean wasOn = joiningOff.add(tenant);
        if (wasOn) {
            transactions.onRollback(() -> {
                synchronized (this) {
                    joiningOff.remove(tenant);
                }
            });
        }
        return wasOn;
    }

    @Override
    public synchronized boolean turnOn(TenantId tenant) {
        boolean wasOff = joiningOff.remove(tenant);
        if (wasOff) {
            transactions.onRollback(() -> {
                synchronized (this) {
                    joiningOff.add(tenant);
                }
            });
        }
        return wasOff;
    }

    private synchronized void update(JoinCodeId id, java.util.function.UnaryOperator<JoinCode> change) {
        byId.computeIfPresent(id, (key, code) -> change.apply(code));
    }
}
