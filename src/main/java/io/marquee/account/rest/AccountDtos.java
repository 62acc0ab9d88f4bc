package io.marquee.account.rest;

import io.marquee.account.model.Account;
import io.marquee.account.model.Plan;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Request and response bodies of the account and token endpoints. */
public final class AccountDtos {

    private AccountDtos() {
    }

    public record SignupRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
            @NotBlank @Size(max = 100) String name) {
    }

    public record LoginRequest(@NotNull @Size(max = 254) String email, @NotNull @Size(max = 1024) String password) {
    }

    public record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    public record PlanRequest(@NotNull Plan plan) {
    }

    public record PasswordChange(@NotNull @Size(max = 1024) String currentPassword,
                                 @NotNull @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String newPassword) {
    }

    public record AccountView(UUID id, String email, String name, Plan plan, int maxStreams, List<String> roles) {
        public static AccountView of(Account account) {
            return new AccountView(account.id, account.email, account.name, account.plan, account.plan.maxStreams(),
                    account.roles());
        }
    }
}
