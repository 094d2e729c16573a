package dev.authbisect.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VenuesTest {
    @Test
    void theCryptoComVenueIsFoundByItsId() {
        assertEquals(List.of("crypto-com-exchange-v1", "binance-spot"), Venues.ids());
        assertEquals("crypto-com-exchange-v1", Venues.byId("crypto-com-exchange-v1").orElseThrow().id());
        assertEquals(Optional.empty(), Venues.byId("binance"));
        assertEquals(Optional.empty(), Venues.byId(null));
    }

    @Test
    void anUnknownVenueIsAUsageErrorListingTheKnownOnes() {
        ExitException e = assertThrows(ExitException.class, () -> Venues.require("crypto-com"));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("unknown venue 'crypto-com', expected one of: crypto-com-exchange-v1, binance-spot", e.getMessage());
        assertTrue(Venues.require("crypto-com-exchange-v1") instanceof Venue);
    }
}
